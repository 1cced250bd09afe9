#!/usr/bin/env bash
# Builds the swarmtv Debian package from the shaded jar: build-deb.sh [JAR] [OUTDIR]
# (defaults: target/swarmtv.jar, target). Prints the package's path.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(dirname "$here")"
jar="${1:-$top/target/swarmtv.jar}"
out="${2:-$top/target}"
[ -f "$jar" ] || { echo "build-deb: no jar at $jar (run: mvn -DskipTests package)" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is needed (Debian package dpkg)" >&2; exit 1; }

# 0.1.0-SNAPSHOT sorts after 0.1.0 in Debian's order unless written 0.1.0~SNAPSHOT.
version="$(java -jar "$jar" --version | head -1 | awk '{print $2}')"
version="${version//-/\~}"

root="$(mktemp -d "${TMPDIR:-/tmp}/swarmtv-deb.XXXXXX")"
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
install -D -m 0644 "$jar" "$root/usr/share/swarmtv/swarmtv.jar"
install -D -m 0755 "$here/deb/swarmtv" "$root/usr/bin/swarmtv"
install -D -m 0644 "$top/systemd/swarmtv-gateway.service" "$root/lib/systemd/system/swarmtv-gateway.service"
install -D -m 0644 "$top/systemd/swarmtv-broadcast@.service" "$root/lib/systemd/system/swarmtv-broadcast@.service"
install -D -m 0644 "$top/README.md" "$root/usr/share/doc/swarmtv/README.md"
for d in "$top"/docs/*.md; do
  install -D -m 0644 "$d" "$root/usr/share/doc/swarmtv/$(basename "$d")"
done
install -d "$root/DEBIAN"
for s in postinst prerm postrm; do
  install -m 0755 "$here/deb/$s" "$root/DEBIAN/$s"
done
size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$here/deb/control.in" > "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/swarmtv_${version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "$deb"
