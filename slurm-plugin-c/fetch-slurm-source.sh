#!/usr/bin/env bash
# Fetches and configures the source of exactly the installed Slurm, so that the plugin is built against
# the same config.h and headers as the running daemons. Idempotent and cached:
#   slurm-plugin-c/fetch-slurm-source.sh CACHE_DIR   -> prints the configured source dir
# The result lies in CACHE_DIR/<version>/slurm-src; a stamp file marks a finished configure.
set -euo pipefail

cache="${1:?usage: fetch-slurm-source.sh CACHE_DIR}"
say() { printf 'fetch-slurm-source: %s\n' "$*" >&2; }

version="$(dpkg-query -W -f='${Version}' slurmctld 2>/dev/null || true)"
[ -n "$version" ] || { say "slurmctld is not installed (dpkg-query -W slurmctld)"; exit 2; }
dir="$cache/$version"
src="$dir/slurm-src"
if [ -f "$dir/.configured" ]; then echo "$src"; exit 0; fi

# deb-src lines, once: a deb822 twin of debian.sources with Types: deb-src.
add_deb_src() {
  local list=/etc/apt/sources.list.d/debian.sources twin=/etc/apt/sources.list.d/teg-deb-src.sources
  [ -f "$twin" ] && return 0
  if grep -Rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -qs '^deb-src' /etc/apt/sources.list; then
    return 0
  fi
  [ -f "$list" ] || { say "no $list to derive deb-src lines from"; exit 2; }
  [ "$(id -u)" -eq 0 ] || { say "need root to add deb-src lines ($twin)"; exit 2; }
  sed 's/^Types:.*/Types: deb-src/' "$list" > "$twin"
  say "added $twin"
}

add_deb_src
mkdir -p "$dir"
if ! ls "$dir"/slurm-wlm_*.dsc >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  say "apt-get source slurm-wlm=$version"
  (cd "$dir" && apt-get -o DPkg::Lock::Timeout=600 source -qq --download-only "slurm-wlm=$version")
fi
if [ ! -d "$src" ]; then
  rm -rf "$dir/unpack"
  # with the Debian patches applied, as the installed binaries were built
  (cd "$dir" && dpkg-source -x --no-check ./slurm-wlm_*.dsc unpack >/dev/null)
  mv "$dir/unpack" "$src"
fi

# The configure flags of debian/rules (the first dh_auto_configure line: the native build, not the emulator).
# --with-pmix points into libpmix-dev; it is kept only when that directory exists (it does not change config.h
# for the select plugins).
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
flags=()
while read -r f; do
  f="${f//\$(DEB_HOST_MULTIARCH)/$multiarch}"
  case "$f" in
    --with-pmix=*) [ -d "${f#--with-pmix=}" ] || continue ;;
    --sysconfdir=*) continue ;;
  esac
  flags+=("$f")
done < <(grep -m1 -P '^\tdh_auto_configure -- ' "$src/debian/rules" | tr ' \t' '\n\n' | grep -E '^--(enable|disable|with|without|sysconfdir)')
[ ${#flags[@]} -gt 0 ] || { say "found no configure flags in $src/debian/rules"; exit 1; }
say "configure flags: ${flags[*]:-(none)}"

cd "$src"
if [ ! -x configure ] || [ configure.ac -nt configure ]; then
  # autoreconf needs the GLIB/GTK macros only to define the sview conditionals; stub them.
  mkdir -p auxdir
  cat > auxdir/teg-stub-gtk.m4 <<'M4'
AC_DEFUN([AM_PATH_GLIB_2_0], [$3])
AC_DEFUN([AM_PATH_GTK_2_0], [$3])
M4
  autoreconf -fi >/dev/null 2>&1 || { say "autoreconf failed in $src"; exit 1; }
fi
./configure --prefix=/usr --sysconfdir=/etc/slurm --libdir=/usr/lib/x86_64-linux-gnu "${flags[@]}" \
  > "$dir/configure.log" 2>&1 || { say "configure failed; see $dir/configure.log"; exit 1; }
touch "$dir/.configured"
echo "$src"
