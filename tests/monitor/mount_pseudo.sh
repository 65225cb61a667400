#!/usr/bin/env bash
# uhyve-run refuses a pseudo file system as --mount's HOSTDIR (/proc would hand the guest the
# monitor's own memory), with one line and 125, before any VM exists: /proc, /proc/self,
# /sys, /dev when it is devtmpfs.
#
# Usage: mount_pseudo.sh UHYVE_RUN PROGRAM
set -euo pipefail
uhyve_run=$1 prog=$2
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
checked=0
refused() {
	local dir=$1 kind=$2 status=0 err
	err=$("$uhyve_run" --mount "$dir:/x" "$prog" 2>&1 >/dev/null) || status=$?
	[[ $status -eq 125 && $(wc -l <<<"$err") -eq 1 && $err == "uhyve-run: --mount $dir:/x: $dir is a $kind file system, which cannot be mounted" ]] ||
		fail "--mount $dir: status $status: $err"
	echo "refused: $err"
	checked=$((checked + 1))
}
refused /proc proc
refused /proc/self proc
refused /sys sysfs
if grep -q '^[^ ]* /dev devtmpfs ' /proc/mounts; then
	refused /dev devtmpfs
fi
echo "PASS: $checked pseudo file systems refused as --mount"
