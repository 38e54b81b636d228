;;; check.el --- Batch test of editors/emacs/arendelint.el  -*- lexical-binding: t; -*-
;; Run by run.sh: emacs --batch -Q -l check.el, in a scratch folder holding
;; arende.md and arende.txt.  Loads the setup from editors/emacs/ as a user
;; would, opens the files, and checks what Flymake receives through Eglot:
;; rule ids, lines, columns (UTF-16 conversion past å/ä/ö and an emoji) and
;; types; then that changed settings reach the server.  Exits 0 on success.

(require 'cl-lib)
(require 'subr-x)

(defvar check-repo (getenv "ARENDELINT_REPO"))
(defvar check-failed nil)

(defun check-say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun check-fail (fmt &rest args)
  (let ((msg (apply #'format fmt args)))
    (princ (concat "FAIL: " msg "\n") #'external-debugging-output)
    (when-let ((server (ignore-errors (eglot-current-server))))
      (with-current-buffer (jsonrpc-events-buffer server)
        (princ (buffer-substring-no-properties
                (max (point-min) (- (point-max) 4000)) (point-max))
               #'external-debugging-output)))
    (kill-emacs 1)))

;; Debian's packages (elpa-eglot, elpa-markdown-mode); -Q leaves them out.
(require 'package)
(setq package-user-dir (expand-file-name "elpa" user-emacs-directory)
      package-directory-list (list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(setq eglot-sync-connect 10
      flymake-no-changes-timeout 0.2)

;; The user's setup, from the repository.
(add-to-list 'load-path (expand-file-name "editors/emacs" check-repo))
(require 'arendelint)
(setq arendelint-program (getenv "ARENDELINT_BIN")
      arendelint-lang "en"
      arendelint-severity '(("jam001" . "info")))
(arendelint-setup)

(defun check-summary ()
  "Flymake's diagnostics in this buffer: RULE@LINE:COL:TYPE, sorted."
  (sort
   (mapcar (lambda (d)
             (let ((text (flymake-diagnostic-text d))
                   (beg (flymake-diagnostic-beg d)))
               (format "%s@%d:%d:%s"
                       (if (string-match "\\[\\(JAM[0-9]+\\)\\]" text)
                           (match-string 1 text) text)
                       (line-number-at-pos beg)
                       (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                       (flymake-diagnostic-type d))))
           (flymake-diagnostics))
   #'string<))

(defun check-wait (what pred)
  "Run the event loop (and Flymake) until PRED holds, or fail after 20 s."
  (let ((deadline (+ (float-time) 20)))
    (while (not (funcall pred))
      (when (> (float-time) deadline)
        (check-fail "%s: Flymake has %S" what (check-summary)))
      (when (bound-and-true-p flymake-mode)
        (flymake-start))
      (accept-process-output nil 0.1))))

(defun check-open (file)
  (find-file (expand-file-name file))
  ;; `eglot-ensure' connects from `post-command-hook': run it as a command would.
  (run-hooks 'post-command-hook)
  (check-wait (format "%s managed by eglot" file)
              (lambda () (bound-and-true-p eglot--managed-mode)))
  (unless (cl-typep (eglot-current-server) 'eglot-arendelint)
    (check-fail "%s: the server is not arendelint's" file)))

(defun check-text (rule)
  (cl-some (lambda (d)
             (let ((text (flymake-diagnostic-text d)))
               (and (string-match-p (format "\\[%s\\]" rule) text) text)))
           (flymake-diagnostics)))

;; 1. Markdown, with the settings sent as initializationOptions: English, JAM001 as info.
(check-open "arende.md")
(unless (eq major-mode 'markdown-mode)
  (check-fail "arende.md opened in %s" major-mode))
(let ((want '("JAM001@1:0:eglot-note" "JAM003@5:28:eglot-warning" "JAM004@7:15:eglot-warning")))
  (check-wait "markdown diagnostics" (lambda () (equal (check-summary) want))))
(unless (string-match-p "\\`arendelint \\[JAM003\\]: " (check-text "JAM003"))
  (check-fail "unexpected text: %s" (check-text "JAM003")))
(when (string-match-p "anger inte kön" (check-text "JAM003"))
  (check-fail "not English: %s" (check-text "JAM003")))
(check-say "markdown: %s" (string-join (check-summary) " "))
(goto-char (point-min))
(forward-line 4)
(search-forward "patient")
(unless (equal (arendelint--rules-at-point) '("JAM003"))
  (check-fail "rule at point: %S" (arendelint--rules-at-point)))

;; 2. Changed settings (M-x arendelint-reconfigure): Swedish, JAM004 off.
(setq arendelint-lang "sv"
      arendelint-severity '(("JAM004" . "off")))
(arendelint-reconfigure)
(check-wait "after reconfigure"
            (lambda () (equal (check-summary) '("JAM001@1:0:eglot-error" "JAM003@5:28:eglot-warning"))))
(unless (string-match-p "anger inte kön" (check-text "JAM003"))
  (check-fail "not Swedish after reconfigure: %s" (check-text "JAM003")))
(check-say "reconfigured: %s" (string-join (check-summary) " "))

;; 3. Plain text, in text-mode, with the same server.
(let ((md-server (eglot-current-server)))
  (check-open "arende.txt")
  (unless (eq major-mode 'text-mode)
    (check-fail "arende.txt opened in %s" major-mode))
  (unless (eq (eglot-current-server) md-server)
    (check-fail "a second server for plain text")))
(check-wait "plain-text diagnostics"
            (lambda () (member "JAM003@3:0:eglot-warning" (check-summary))))
(check-say "text: %s" (string-join (check-summary) " "))

;; 4. Disabled: the findings go.
(setq arendelint-enable nil)
(arendelint-reconfigure)
(check-wait "disabled" (lambda () (null (check-summary))))

(check-say "OK")
(let ((server (eglot-current-server)))
  (ignore-errors (eglot-shutdown server)))
(kill-emacs 0)
