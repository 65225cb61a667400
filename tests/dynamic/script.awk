# Debian's gawk in the VM: fields, associative arrays, printf, gensub, sorting, arithmetic.
BEGIN { FS = "," }
NR > 1 { total[$2] += $3; n[$2]++; if ($3 > max) { max = $3; who = $1 } }
END {
	PROCINFO["sorted_in"] = "@ind_str_asc"
	for (c in total)
		printf "%s %d cities, %d people, mean %.1f\n", c, n[c], total[c], total[c] / n[c]
	print "largest:", who, max
	print gensub(/([a-z]+)-([0-9]+)/, "\\2:\\1", "g", "abc-12 de-3")
	print 2 ^ 53 + 1, sin(1), int(-3.7), length("h\303\251")
	exit 5
}
