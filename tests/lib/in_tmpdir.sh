#!/usr/bin/env bash
# in_tmpdir.sh COMMAND [ARGS...]: runs COMMAND with @DIR@ in its arguments replaced by a new
# empty temporary directory, removed afterwards: for programs given a directory to mount,
# where the native and the VM run must print the same paths. Exit status: COMMAND's.
set -eu
dir=$(mktemp -d)
trap 'rm -rf -- "$dir"' EXIT
status=0
"${@//@DIR@/$dir}" || status=$?
exit "$status"
