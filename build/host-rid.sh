# Sourced by build/test.sh and build/bench.sh: host_rid prints this machine's runtime id.
# On Linux the C library is whichever one grep itself was loaded with.
host_rid() {
  local arch
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "no build for CPU $(uname -m)" >&2; return 1 ;;
  esac
  case "$(uname -s)" in
    Linux)
      if grep -qE '/ld-musl-|/libc\.musl-' /proc/self/maps 2>/dev/null; then echo "linux-musl-$arch"; else echo "linux-$arch"; fi ;;
    Darwin) echo "osx-$arch" ;;
    MINGW*|MSYS*|CYGWIN*) echo "win-$arch" ;;
    *) echo "no build for $(uname -s)" >&2; return 1 ;;
  esac
}
