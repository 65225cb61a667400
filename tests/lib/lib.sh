# Shared by the test scripts (sourced): how one ends other than by passing.

# skip REASON: not run here (ctest's SKIP_RETURN_CODE 77).
skip() {
	echo "SKIP: $*"
	exit 77
}

# fail REASON
fail() {
	echo "FAIL: $*"
	exit 1
}

# need_kvm: skip unless there is a /dev/kvm to run guests on.
need_kvm() {
	[[ -c /dev/kvm ]] || skip "no /dev/kvm"
}

# usage: print the calling script's header comment (from its second line to `set -euo`), exit 2.
usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}
