/*
 * tz-oracle.c: a dev-time oracle for shared/src/tz.ts. Not used by the tests.
 *
 * It asks the C library how it reads TZ: localtime(3) of instants and mktime(3) of broken-down
 * times. Built against musl (the libc of Chimera Linux, where the reference tools run) it
 * produced shared/test/tz-table.json (see scripts/tz-table):
 *
 *   musl-gcc -O2 -static -o /tmp/tzo scripts/tz-oracle.c
 *   /tmp/tzo < cases.txt
 *
 * Input, one case a line, fields separated by TAB:
 *   L TAB TZ TAB seconds                          localtime
 *   M TAB TZ TAB year mon mday hour min sec isdst mktime (year in full, mon 0-11)
 * TZ "-" means unset, "EMPTY" the empty string. Output, one line a case:
 *   year mon mday hour min sec wday yday isdst gmtoff zone      (M: preceded by "t=SECONDS ")
 *   NULL                                                          localtime failed
 *   ERR                                                           mktime returned -1 with EOVERFLOW
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void put(const struct tm *tm)
{
	printf("%lld %d %d %d %d %d %d %d %d %ld %s\n", (long long)tm->tm_year + 1900, tm->tm_mon,
	       tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday,
	       tm->tm_isdst, (long)tm->tm_gmtoff, tm->tm_zone ? tm->tm_zone : "(null)");
}

int main(void)
{
	char line[8192];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		char *kind = strtok(line, "\t"), *tz = strtok(NULL, "\t"), *rest = strtok(NULL, "\t");
		if (!kind || !tz || !rest) { puts("BAD"); continue; }
		if (strcmp(tz, "-") == 0) unsetenv("TZ");
		else if (strcmp(tz, "EMPTY") == 0) setenv("TZ", "", 1);
		else setenv("TZ", tz, 1);
		tzset();
		if (*kind == 'L') {
			time_t t = strtoll(rest, NULL, 10);
			struct tm tm;
			if (!localtime_r(&t, &tm)) puts("NULL");
			else put(&tm);
		} else {
			struct tm tm = {0};
			long long y;
			if (sscanf(rest, "%lld %d %d %d %d %d %d", &y, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
				   &tm.tm_min, &tm.tm_sec, &tm.tm_isdst) != 7) { puts("BAD"); continue; }
			tm.tm_year = y - 1900;
			errno = 0;
			time_t t = mktime(&tm);
			if (t == -1 && errno == EOVERFLOW) { puts("ERR"); continue; }
			printf("t=%lld ", (long long)t);
			put(&tm);
		}
		fflush(stdout);
	}
	return 0;
}
