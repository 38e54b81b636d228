;;; arendelint.el --- Eglot setup for the arendelint language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; URL: https://github.com/arendelint/arendelint
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools, wp
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Checks Swedish decision documents (ärenden) for gender-equality integration
;; with `arendelint lsp', through Eglot: findings appear in Flymake, with quick
;; fixes (`eglot-code-actions') and the rule's explanation on hover (ElDoc).
;;
;;   (add-to-list 'load-path "/path/to/arendelint/editors/emacs")
;;   (require 'arendelint)
;;   (arendelint-setup)
;;
;; `arendelint-setup' registers the server with Eglot for `markdown-mode',
;; `gfm-mode' and plain `text-mode', and starts it in such buffers that visit a
;; file.  Settings: `arendelint-program', `arendelint-lang',
;; `arendelint-severity', `arendelint-enable' (customize them, or `setq' and then
;; M-x arendelint-reconfigure).  `arendelint-explain' shows a rule's explanation.

;;; Code:

(require 'eglot)
(require 'cl-lib)
(require 'subr-x)

(defgroup arendelint nil
  "Gender-equality checks for Swedish decision documents."
  :group 'tools
  :prefix "arendelint-")

(defun arendelint--set-and-reconfigure (symbol value)
  "Set SYMBOL to VALUE, then send the settings to running servers."
  (set-default symbol value)
  (when (fboundp 'arendelint-reconfigure)
    (arendelint-reconfigure)))

(defcustom arendelint-program "arendelint"
  "The arendelint program: a name looked up on `exec-path', or a file name.
When a bare name is not on `exec-path', ~/.cargo/bin is tried (where
`cargo install --path .' puts it)."
  :type 'string)

(defcustom arendelint-lang nil
  "Language of findings and explanations: \"sv\", \"en\", or nil for the
`lang' of arendelint.toml (else Swedish)."
  :type '(choice (const :tag "From arendelint.toml" nil)
                 (const :tag "Svenska" "sv")
                 (const :tag "English" "en"))
  :set #'arendelint--set-and-reconfigure)

(defcustom arendelint-severity nil
  "Severity per rule over arendelint.toml, as an alist of (RULE . SEVERITY):
for example \\='((\"JAM003\" . \"off\") (\"JAM004\" . \"error\")).
SEVERITY is \"off\", \"info\", \"warning\" or \"error\"."
  :type '(alist :key-type (string :tag "Rule")
                :value-type (choice (const "off") (const "info")
                                    (const "warning") (const "error")))
  :set #'arendelint--set-and-reconfigure)

(defcustom arendelint-enable t
  "Whether the server reports findings."
  :type 'boolean
  :set #'arendelint--set-and-reconfigure)

(defconst arendelint-install-hint
  "Install it with `cargo install --path .' in a clone of the arendelint repository, or set `arendelint-program'"
  "How to get the program.")

(defun arendelint--program ()
  "The arendelint program's file name, or nil when it is not found."
  (let ((program (expand-file-name arendelint-program)))
    (cond
     ((file-name-absolute-p arendelint-program)
      (and (file-executable-p program) program))
     ((string-match-p "/" arendelint-program)
      (and (file-executable-p program) program))
     ((executable-find arendelint-program))
     (t (let ((cargo (expand-file-name arendelint-program "~/.cargo/bin")))
          (and (file-executable-p cargo) cargo))))))

(defun arendelint-settings ()
  "The settings sent to the server, as a plist for JSON:
\(:lang \"sv\" :severity (:JAM003 \"off\") :enable t)."
  (let ((severity
         (cl-loop for (rule . level) in arendelint-severity
                  collect (intern (concat ":" (upcase (format "%s" rule))))
                  collect (format "%s" level))))
    (append
     (and arendelint-lang (list :lang arendelint-lang))
     ;; An empty object, not null: the server expects an object here.
     (list :severity (or severity (make-hash-table))
           :enable (if arendelint-enable t :json-false)))))

;;; Eglot

(defclass eglot-arendelint (eglot-lsp-server) ()
  :documentation "The arendelint language server.")

(cl-defmethod eglot-initialization-options ((_server eglot-arendelint))
  "The settings, as `initializationOptions'."
  (arendelint-settings))

(cl-defmethod eglot-handle-request
  ((_server eglot-arendelint) (_method (eql workspace/configuration)) &key items)
  "Answer the server's request for the `arendelint' section."
  (apply #'vector
         (mapcar (lambda (item)
                   (if (member (plist-get item :section) '(nil "arendelint"))
                       (arendelint-settings)
                     nil))
                 items)))

(defun arendelint--send-settings (server)
  "Send the settings to SERVER when it is an arendelint server."
  (when (cl-typep server 'eglot-arendelint)
    (jsonrpc-notify server :workspace/didChangeConfiguration
                    (list :settings (list :arendelint (arendelint-settings))))))

(defun arendelint--servers ()
  "The running arendelint servers."
  (when (boundp 'eglot--servers-by-project)
    (let (servers)
      (maphash (lambda (_project list)
                 (dolist (s list)
                   (when (cl-typep s 'eglot-arendelint) (push s servers))))
               eglot--servers-by-project)
      servers)))

(defun arendelint-reconfigure ()
  "Send the current settings to every running arendelint server."
  (interactive)
  (mapc #'arendelint--send-settings (arendelint--servers)))

(defun arendelint--contact (&optional _interactive)
  "The Eglot contact: the server class and command line."
  (if-let ((program (arendelint--program)))
      (list 'eglot-arendelint program "lsp")
    (user-error "arendelint: program `%s' not found.  %s"
                arendelint-program arendelint-install-hint)))

(defconst arendelint-modes
  '((markdown-mode :language-id "markdown")
    (gfm-mode :language-id "markdown")
    (text-mode :language-id "plaintext"))
  "Major modes the server is registered for, with their LSP language ids.")

(defun arendelint--maybe-start ()
  "Start Eglot with arendelint in a Markdown or plain-text file buffer."
  (when (and buffer-file-name
             (or (derived-mode-p 'markdown-mode) (eq major-mode 'text-mode)))
    (if (arendelint--program)
        (eglot-ensure)
      (message "arendelint: program `%s' not found.  %s"
               arendelint-program arendelint-install-hint))))

;;;###autoload
(defun arendelint-setup ()
  "Register arendelint with Eglot and start it in Markdown and text files."
  (interactive)
  (setq eglot-server-programs
        (cons (cons arendelint-modes #'arendelint--contact)
              (cl-remove #'arendelint--contact eglot-server-programs
                         :key #'cdr)))
  ;; After Eglot's own didChangeConfiguration (from
  ;; `eglot-workspace-configuration'), so that ours is the one that counts.
  (add-hook 'eglot-connect-hook #'arendelint--send-settings 90)
  ;; `markdown-mode' derives from `text-mode', so one hook serves both.
  (add-hook 'text-mode-hook #'arendelint--maybe-start))

;;; Explanations

(defun arendelint--rules-at-point ()
  "Rule ids of the arendelint Flymake diagnostics at point (or on its line)."
  (let* ((here (flymake-diagnostics (point)))
         (diags (or here (flymake-diagnostics (line-beginning-position)
                                              (line-end-position))))
         ids)
    (dolist (d diags)
      (let ((text (flymake-diagnostic-text d)))
        (when (string-match "\\`arendelint \\[\\(JAM[0-9]+\\)\\]" text)
          (cl-pushnew (match-string 1 text) ids :test #'equal))))
    (nreverse ids)))

(defun arendelint-explain (rule)
  "Show the explanation of RULE (by default the finding's at point)."
  (interactive
   (let ((ids (arendelint--rules-at-point)))
     (list (if (= (length ids) 1)
               (car ids)
             (completing-read "Explain rule: "
                              (or ids (mapcar (lambda (n) (format "JAM%03d" n))
                                              (number-sequence 1 7)))
                              nil nil nil nil (car ids))))))
  (let ((program (or (arendelint--program)
                     (user-error "arendelint: program `%s' not found.  %s"
                                 arendelint-program arendelint-install-hint)))
        ;; From the document's folder, to find the same arendelint.toml.
        (dir default-directory)
        (buffer (get-buffer-create (format "*arendelint %s*" rule))))
    (with-current-buffer buffer
      (let ((inhibit-read-only t)
            (default-directory dir))
        (erase-buffer)
        (apply #'call-process program nil t nil
               (append (list "explain" rule)
                       (and arendelint-lang (list "--lang" arendelint-lang))))
        (goto-char (point-min))
        ;; A view buffer: never a file, so the server is not started on it.
        (if (fboundp 'gfm-view-mode) (gfm-view-mode) (special-mode))))
    (display-buffer buffer)))

(provide 'arendelint)
;;; arendelint.el ends here
