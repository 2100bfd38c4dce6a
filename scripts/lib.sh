# Shared by scripts/run, scripts/test and scripts/package: install what is missing, configure
# and build.
# SPDX-License-Identifier: GPL-3.0-or-later

ARCHSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARCHSIM_PACKAGES=(
  cmake g++ ninja-build pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libgl-dev
  libboost-dev libboost-random-dev libboost-math-dev nlohmann-json3-dev libcli11-dev
  xvfb xauth poppler-utils
  dpkg-dev file desktop-file-utils
  parallel
)
# scripts/test installs these too (not scripts/run): a single-node Slurm for the Slurm recipe's
# test (docs/cluster.md). `scripts/test --no-slurm` leaves them out, as the munge package enables a
# system daemon.
ARCHSIM_SLURM_PACKAGES=(munge slurmctld slurmd slurm-client)
# Only scripts/fuzz needs these: clang with its libFuzzer runtime.
ARCHSIM_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# install_missing_packages [PACKAGE...]: installs the Debian packages (by default archsim's own
# list) that are not installed yet; does nothing when all are present.
install_missing_packages() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${ARCHSIM_PACKAGES[@]}")
  local missing=()
  for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "All ${#wanted[@]} required packages are installed"
    return 0
  fi
  say "Installing missing packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

# configure_and_build PRESET [extra cmake arguments...]
configure_and_build() {
  local preset="$1"
  shift
  cd "$ARCHSIM_ROOT"
  say "Configuring (preset $preset) $*"
  cmake --preset "$preset" "$@"
  say "Building (preset $preset)"
  cmake --build --preset "$preset" --parallel "$(nproc)"
}
