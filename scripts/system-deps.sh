#!/usr/bin/env bash
# What `npm test` needs from the system besides Node: Chromium (the end-to-end tests), bubblewrap (the
# Code Interpreter's sandbox on Linux; macOS uses sandbox-exec) and numpy, pandas and matplotlib for
# /usr/bin/python3, the interpreter the tests run code in. scripts/studio.sh sources this before the test
# task, so a run that could only fail on a missing package stops before anything starts: as root on
# Debian or Ubuntu it installs what is missing with apt-get, anywhere else it prints the one command that
# does. `bash scripts/system-deps.sh --check` (or STUDIO_NO_SYSTEM_INSTALL=1) only reports.
#
# The probes use shell built-ins and absolute paths only, so a test can run this with a PATH holding
# nothing but fakes; STUDIO_PYTHON and STUDIO_OS_RELEASE stand in for /usr/bin/python3 and
# /etc/os-release there.

sysdeps_python="${STUDIO_PYTHON:-/usr/bin/python3}"
sysdeps_modules=(numpy pandas matplotlib)

# Sets sysdeps_needs (chromium, bwrap, and the Python modules that are missing), sysdeps_chromium (where
# Chromium is) and sysdeps_bad_chromium (a CHROMIUM_PATH that points nowhere).
sysdeps_probe() {
  sysdeps_needs=() sysdeps_chromium='' sysdeps_bad_chromium=''
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    # The tests start what CHROMIUM_PATH names, so installing a package would not help a wrong one.
    if [ -x "$CHROMIUM_PATH" ]; then sysdeps_chromium="$CHROMIUM_PATH"; else sysdeps_bad_chromium="$CHROMIUM_PATH"; fi
  else
    local candidate
    # Where Debian, Ubuntu's snap, Fedora and Homebrew put it.
    for candidate in /usr/bin/chromium /snap/bin/chromium /usr/bin/chromium-browser /Applications/Chromium.app/Contents/MacOS/Chromium; do
      if [ -x "$candidate" ]; then sysdeps_chromium="$candidate"; break; fi
    done
    if [ -z "$sysdeps_chromium" ]; then sysdeps_needs+=(chromium); fi
  fi
  if [[ "$OSTYPE" == linux* ]] && ! command -v bwrap >/dev/null 2>&1; then sysdeps_needs+=(bwrap); fi
  local missing
  # find_spec rather than import: importing matplotlib takes about a second, on every `npm test`.
  if missing="$("$sysdeps_python" -c 'import importlib.util as u, sys; print(" ".join(m for m in sys.argv[1:] if u.find_spec(m) is None))' "${sysdeps_modules[@]}" 2>/dev/null)"; then
    sysdeps_no_python=''
    local module
    for module in $missing; do sysdeps_needs+=("$module"); done
  else
    sysdeps_no_python=1
    sysdeps_needs+=("${sysdeps_modules[@]}")
  fi
}

sysdeps_has() {
  local need
  for need in ${sysdeps_needs[@]+"${sysdeps_needs[@]}"}; do [ "$need" != "$1" ] || return 0; done
  return 1
}

# debian, ubuntu, fedora, macos or other, from /etc/os-release's ID and ID_LIKE.
sysdeps_family() {
  if [[ "$OSTYPE" == darwin* ]]; then echo macos; return; fi
  local file="${STUDIO_OS_RELEASE:-/etc/os-release}" line ids=' '
  if [ -r "$file" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in ID=* | ID_LIKE=*) ids+="${line#*=} " ;; esac
    done <"$file"
  fi
  ids="${ids//\"/}" ids="${ids//\'/}"
  case "$ids" in
    *' ubuntu '*) echo ubuntu ;;
    *' debian '*) echo debian ;;
    *' fedora '* | *' rhel '*) echo fedora ;;
    *) echo other ;;
  esac
}

# The distribution packages for what is missing; Debian, Ubuntu and Fedora use the same names. Ubuntu
# has Chromium only as a snap, so it is left out there.
sysdeps_packages() {
  local need packages=()
  for need in ${sysdeps_needs[@]+"${sysdeps_needs[@]}"}; do
    case "$need" in
      chromium) if [ "$1" != ubuntu ]; then packages+=(chromium); fi ;;
      bwrap) packages+=(bubblewrap) ;;
      *) packages+=("python3-$need") ;;
    esac
  done
  echo ${packages[@]+"${packages[@]}"}
}

# The one command that installs what is missing on this platform, or nothing where we do not know it.
sysdeps_command() {
  local family="$1" sudo='sudo ' packages modules=() need parts=()
  if [ "$EUID" -eq 0 ]; then sudo=''; fi
  packages="$(sysdeps_packages "$family")"
  case "$family" in
    debian | ubuntu)
      if [ -n "$packages" ]; then parts+=("${sudo}apt-get install -y --no-install-recommends $packages"); fi
      if [ "$family" = ubuntu ] && sysdeps_has chromium; then parts+=("${sudo}snap install chromium"); fi
      ;;
    fedora) if [ -n "$packages" ]; then parts+=("${sudo}dnf install -y $packages"); fi ;;
    macos)
      if sysdeps_has chromium; then parts+=("brew install --cask chromium"); fi
      for need in ${sysdeps_needs[@]+"${sysdeps_needs[@]}"}; do
        case "$need" in chromium | bwrap) ;; *) modules+=("$need") ;; esac
      done
      if [ ${#modules[@]} -gt 0 ]; then parts+=("$sysdeps_python -m pip install --user ${modules[*]}"); fi
      ;;
  esac
  local command='' part
  for part in ${parts[@]+"${parts[@]}"}; do command+="${command:+ && }$part"; done
  echo "$command"
}

# "a", "a and b", "a, b and c"
sysdeps_and() {
  local out="$1"
  shift
  while [ $# -gt 1 ]; do out+=", $1"; shift; done
  if [ $# -eq 1 ]; then out+=" and $1"; fi
  echo "$out"
}

sysdeps_report() {
  local family="$1" items=() modules=() need command
  if [ -n "$sysdeps_bad_chromium" ]; then items+=("Chromium (CHROMIUM_PATH is $sysdeps_bad_chromium, which does not exist: fix or unset it)"); fi
  for need in ${sysdeps_needs[@]+"${sysdeps_needs[@]}"}; do
    case "$need" in
      chromium) items+=("Chromium (or set CHROMIUM_PATH to one)") ;;
      bwrap) items+=("bubblewrap (bwrap)") ;;
      *) modules+=("$need") ;;
    esac
  done
  if [ -n "$sysdeps_no_python" ]; then
    items+=("a Python 3 at $sysdeps_python with $(sysdeps_and "${modules[@]}")")
  elif [ ${#modules[@]} -gt 0 ]; then
    items+=("$(sysdeps_and "${modules[@]}") for $sysdeps_python")
  fi
  local list='' item
  for item in "${items[@]}"; do list+="${list:+; }$item"; done
  echo "studio: npm test needs what this system lacks: $list" >&2
  command="$(sysdeps_command "$family")"
  if [ -n "$command" ]; then
    echo "studio: install with: $command" >&2
  elif [ ${#sysdeps_needs[@]} -gt 0 ]; then
    echo "studio: install with the system's package manager (often named chromium, bubblewrap, python3-numpy, python3-pandas, python3-matplotlib)" >&2
  fi
  if [ "$family" = macos ]; then echo "studio: (bubblewrap is not needed on macOS, where sandbox-exec is the sandbox)" >&2; fi
}

# Returns 0 with CHROMIUM_PATH exported when everything is there; reports and returns 1 otherwise.
system_deps() {
  if [ "${1:-}" = --check ]; then STUDIO_NO_SYSTEM_INSTALL=1; fi
  sysdeps_probe
  if [ ${#sysdeps_needs[@]} -gt 0 ] || [ -n "$sysdeps_bad_chromium" ]; then
    local family packages
    family="$(sysdeps_family)"
    packages="$(sysdeps_packages "$family")"
    if [ -z "${STUDIO_NO_SYSTEM_INSTALL:-}" ] && [ "$EUID" -eq 0 ] && [ -n "$packages" ] \
      && { [ "$family" = debian ] || [ "$family" = ubuntu ]; } && command -v apt-get >/dev/null 2>&1; then
      echo "studio: installing $packages (apt-get)" >&2
      apt-get update -qq >&2
      # shellcheck disable=SC2086 # one word per package
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
      sysdeps_probe
    fi
    if [ ${#sysdeps_needs[@]} -gt 0 ] || [ -n "$sysdeps_bad_chromium" ]; then
      sysdeps_report "$family"
      return 1
    fi
  fi
  # Playwright and the canvas benchmark look only at CHROMIUM_PATH and /usr/bin/chromium.
  export CHROMIUM_PATH="$sysdeps_chromium"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  system_deps "$@"
fi
