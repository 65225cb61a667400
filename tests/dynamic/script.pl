# Debian's perl in the VM: its modules (POSIX, List::Util and Data::Dumper load shared objects
# with dlopen), the C.UTF-8 locale, regular expressions, sorting, files, a pipe to a child.
use strict;
use warnings;
use POSIX qw(floor strftime);
use List::Util qw(sum max shuffle);
use Data::Dumper;
$Data::Dumper::Sortkeys = 1;
$Data::Dumper::Indent = 1;

my %count;
$count{$_}++ for split //, "the quick brown fox jumps over the lazy dog";
print join(",", map { "$_=$count{$_}" } sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count), "\n";
print "sum ", sum(1 .. 100), " max ", max(3, 9, 2), " floor ", floor(-2.5), "\n";
print strftime("%Y-%m-%d", gmtime(86400 * 365)), "\n";
print Dumper({ list => [1, 2], name => "x" });
(my $s = "2026-12-04") =~ s/(\d+)-(\d+)-(\d+)/$3.$2.$1/;
print "$s\n";
printf "%.3f %5s|%-5s|%x\n", 3.14159, "ab", "cd", 255;
my $file = shift @ARGV;
open(my $out, ">", $file) or die "open: $!";
print $out "line $_\n" for 1 .. 3;
close $out;
open(my $in, "<", $file) or die "open: $!";
my @lines = <$in>;
print scalar(@lines), " lines, last: $lines[-1]";
exit 4;
