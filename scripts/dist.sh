#!/usr/bin/env bash
# Release binaries of arendelint with version and checksums.
#
#   scripts/dist.sh [TARGET ...]        default: x86_64-unknown-linux-gnu x86_64-pc-windows-gnu
#
# For each target: `cargo build --profile dist` (release, stripped; on Linux, for
# the machine's own target, a profile-guided build by scripts/pgo.sh unless PGO=0), a check
# that the binary reports the workspace version (Windows binaries are run under
# Wine when it is installed, other foreign ones are not run), and an archive
# in $DIST_DIR (default: $CARGO_TARGET_DIR/dist-files, else target/dist-files):
#
#   arendelint-VERSION-TARGET.tar.gz   (Linux, macOS)  arendelint, README.md, LICENSE
#   arendelint-VERSION-TARGET.zip      (Windows)       arendelint.exe, README.md, LICENSE
#   arendelint-VERSION-TARGET/         the same files unpacked (for the .vsix builds)
#   SHA256SUMS                         sha256sum of every archive
#
# Targets and where they build:
#   x86_64-unknown-linux-gnu   Linux
#   x86_64-pc-windows-gnu      Linux, cross-built: `rustup target add x86_64-pc-windows-gnu`
#                              and the MinGW linker (Debian: gcc-mingw-w64-x86-64)
#   x86_64-apple-darwin        macOS only (Apple's linker and SDK): a macOS runner
#   aarch64-apple-darwin       macOS only: a macOS runner
# The release workflow (.github/workflows/release.yml) runs this script on a
# Linux runner for the first two and on a macOS runner for the Apple targets.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
dist="${DIST_DIR:-$target_dir/dist-files}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-gnu x86_64-pc-windows-gnu)

version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml")"
[ -n "$version" ] || { echo "dist.sh: no version in [workspace.package] of Cargo.toml" >&2; exit 1; }
host="$(rustc -vV | sed -n 's/^host: //p')"
mkdir -p "$dist"

for target in "${targets[@]}"; do
  case "$target" in
    *-windows-*) exe=arendelint.exe ;;
    *) exe=arendelint ;;
  esac
  case "$target" in
    *-apple-darwin)
      [ "$(uname -s)" = Darwin ] || { echo "dist.sh: $target builds on macOS only (a macOS runner)" >&2; exit 1; } ;;
    x86_64-pc-windows-gnu)
      if [ "$(uname -s)" = Linux ]; then
        command -v x86_64-w64-mingw32-gcc >/dev/null \
          || { echo "dist.sh: $target needs the MinGW linker (Debian: apt-get install gcc-mingw-w64-x86-64)" >&2; exit 1; }
        export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
      fi ;;
  esac
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"

  if [ "$target" = "$host" ] && [ "$(uname -s)" = Linux ] && [ "${PGO:-1}" != 0 ]; then
    # The machine's own target is built with profile-guided optimisation
    # (scripts/pgo.sh: it runs the program, so only for the host; tested on
    # Linux, where CI runs it).
    echo "dist.sh: building $target (profile-guided)" >&2
    bin="$(bash "$repo/scripts/pgo.sh" dist)"
  else
    echo "dist.sh: building $target" >&2
    cargo build --manifest-path "$repo/Cargo.toml" --locked --quiet --profile dist --target "$target" --bin arendelint
    bin="$target_dir/$target/dist/$exe"
  fi
  [ -s "$bin" ] || { echo "dist.sh: $bin was not built" >&2; exit 1; }

  # The binary must say the version it is released as.
  reported=""
  if [ "$target" = "$host" ]; then
    reported="$("$bin" --version)"
  elif [ "$target" = x86_64-pc-windows-gnu ] && command -v wine >/dev/null; then
    # Wine before 9 cannot run it without a stand-in DLL (tests/windows/wine.sh has one).
    reported="$(WINEDEBUG=-all wine "$bin" --version 2>/dev/null | tr -d '\r')" \
      || { echo "dist.sh: $target: could not run under Wine here; version not checked (tests/windows/wine.sh checks it)" >&2; reported=""; }
  fi
  if [ -n "$reported" ] && [ "$reported" != "arendelint $version" ]; then
    echo "dist.sh: $bin reports \"$reported\", expected \"arendelint $version\"" >&2
    exit 1
  fi

  name="arendelint-$version-$target"
  rm -rf "${dist:?}/$name" "$dist/$name.tar.gz" "$dist/$name.zip"
  mkdir -p "$dist/$name"
  cp "$bin" "$dist/$name/$exe"
  cp "$repo/README.md" "$dist/$name/README.md"
  cp "$repo/editors/vscode/LICENSE" "$dist/$name/LICENSE"
  # Fixed times and order, so that the same binary gives the same archive.
  touch -d @0 "$dist/$name" "$dist/$name"/*
  if [ "$exe" = arendelint.exe ]; then
    (cd "$dist" && python3 - "$name" <<'PY'
import sys, zipfile, os
name = sys.argv[1]
with zipfile.ZipFile(name + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(name)):
        info = zipfile.ZipInfo(f"{name}/{f}", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o100755 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(name, f), "rb") as src:
            z.writestr(info, src.read())
PY
    )
  else
    tar -C "$dist" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - "$name" | gzip -n9 >"$dist/$name.tar.gz"
  fi
  echo "dist.sh: $target: $exe $(wc -c <"$bin") bytes${reported:+, $reported}" >&2
done

shopt -s nullglob
cd "$dist"
archives=(arendelint-"$version"-*.tar.gz arendelint-"$version"-*.zip)
[ ${#archives[@]} -gt 0 ] || { echo "dist.sh: no archives in $dist" >&2; exit 1; }
sha256sum "${archives[@]}" >SHA256SUMS
sha256sum --quiet -c SHA256SUMS
echo "dist.sh: $dist" >&2
cat "$dist/SHA256SUMS"
