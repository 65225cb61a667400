# Run by bash through the rewritten libraries (rewrite/lib_bash_pipeline): pipelines,
# a subshell, command substitution and a trap; the programs it starts load the rewritten
# libc through LD_LIBRARY_PATH.
seq 1 2000 | sort -rn | head -3
printf '%s\n' c a b | sort | tr a-z A-Z
x=$(echo sub | sed s/s/S/)
echo "$x"
(exit 4)
echo "status $?"
trap 'echo caught' USR1
kill -USR1 $$
sha256sum </dev/null | cut -c1-16
exit 3
