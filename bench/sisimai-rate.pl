#!/usr/bin/perl
# Reads every file named on standard input with Debian's libsisimai-perl, in one process, and
# prints "messages seconds" for the parsing alone (module loading excluded).
use strict;
use warnings;
use Sisimai;
use Time::HiRes qw(time);

my @files = map { chomp; $_ } <STDIN>;
my $rounds = shift @ARGV // 1;
my $count = 0;
my $found = 0;
my $t0 = time;
for my $round (1 .. $rounds) {
    for my $f (@files) {
        my $v = Sisimai->make($f, 'delivered' => 1);
        $found += scalar @$v if $v;
        $count++;
    }
}
my $t1 = time;
printf "%d %.6f %d\n", $count, $t1 - $t0, $found;
