# Sourced by the test runners that give a VM dynamically linked programs without the host's
# library directories (qemu-run copies each mount into memory, so it gets only what the
# programs need). libroot_add ROOT FILE: FILE's interpreter and libraries (ldd) go into
# ROOT/lib64 and ROOT/lib, where the VM sees them at /lib64 and /lib: /lib/... and
# /usr/lib/... both under ROOT/lib, so /lib/x86_64-linux-gnu/libc.so.6 is found either way.
libroot_add() {
	local root=$1 file=$2 interp lib
	mkdir -p "$root/lib" "$root/lib64"
	interp=$(readelf -lW "$file" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	for lib in $interp $(ldd "$file" 2>/dev/null | grep -o '/[^ ]*' || true); do
		[[ -f $lib ]] || continue # ldd's own complaints, about musl's programs
		case $lib in
		/lib64/*) cp -L "$lib" "$root/lib64/" ;;
		/lib/*) mkdir -p "$root/lib/$(dirname "${lib#/lib/}")" && cp -L "$lib" "$root/lib/${lib#/lib/}" ;;
		/usr/lib/*) mkdir -p "$root/lib/$(dirname "${lib#/usr/lib/}")" && cp -L "$lib" "$root/lib/${lib#/usr/lib/}" ;;
		esac
	done
}
