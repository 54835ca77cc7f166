# Sourced by the install scripts: apt_install ARGS... runs `apt-get install -y -qq ARGS` (after an update),
# through sudo unless already root. Debian packages only; nothing is downloaded from elsewhere.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "$@" >/dev/null
}
