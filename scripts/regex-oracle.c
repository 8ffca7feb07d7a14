/*
 * regex-oracle.c: a dev-time oracle for shared/src/regex.ts. Not used by the tests.
 *
 * It asks the C library's regcomp(3)/regexec(3) how it treats a list of cases; built
 * against musl (the regex engine of Chimera Linux, derived from TRE) it produced the
 * expectations in shared/test/regex-table.json.
 *
 *   musl-gcc -O2 -static -o /tmp/reo scripts/regex-oracle.c
 *   /tmp/reo < cases.txt
 *
 * Input: one case a line, FLAGS TAB PATTERN TAB SUBJECT. PATTERN and SUBJECT take the
 * C-style escapes \n \t \\ and \xHH (exactly two hex digits, any byte but NUL); any other
 * backslash is kept as it is, so regex escapes such as \( or \w need no doubling.
 * FLAGS is any of:
 *   E  REG_EXTENDED       i  REG_ICASE        n  REG_NEWLINE
 *   b  REG_NOTBOL (exec)  e  REG_NOTEOL (exec)
 *   C  the "C" locale; without it setlocale(LC_ALL, "C.UTF-8")
 *   -  nothing (a placeholder for an empty flag field)
 * Output: one line a case:
 *   ERR TAB regerror text          regcomp failed
 *   NOMATCH                        regexec returned REG_NOMATCH
 *   MATCH TAB so,eo SP so,eo ...   pmatch[0..re_nsub], byte offsets, -1,-1 when unset
 */
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decode the escapes of s in place. */
static void unescape(char *s) {
  char *o = s;
  while (*s) {
    if (s[0] == '\\' && s[1] == 'n') { *o++ = '\n'; s += 2; }
    else if (s[0] == '\\' && s[1] == 't') { *o++ = '\t'; s += 2; }
    else if (s[0] == '\\' && s[1] == '\\') { *o++ = '\\'; s += 2; }
    else if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0 &&
             (hexval(s[2]) | hexval(s[3]))) {
      *o++ = (char)(hexval(s[2]) * 16 + hexval(s[3]));
      s += 4;
    } else *o++ = *s++;
  }
  *o = 0;
}

int main(void) {
  static char line[1 << 16];
  while (fgets(line, sizeof line, stdin)) {
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') line[--n] = 0;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2) { printf("BADLINE\n"); continue; }
    *t1 = *t2 = 0;
    char *flags = line, *pat = t1 + 1, *sub = t2 + 1;
    unescape(pat);
    unescape(sub);
    int cf = 0, ef = 0;
    const char *loc = "C.UTF-8";
    for (char *f = flags; *f; f++) switch (*f) {
      case 'E': cf |= REG_EXTENDED; break;
      case 'i': cf |= REG_ICASE; break;
      case 'n': cf |= REG_NEWLINE; break;
      case 'b': ef |= REG_NOTBOL; break;
      case 'e': ef |= REG_NOTEOL; break;
      case 'C': loc = "C"; break;
      default: break;
    }
    if (!setlocale(LC_ALL, loc)) { printf("ERR\tsetlocale(%s) failed\n", loc); continue; }
    regex_t re;
    int rc = regcomp(&re, pat, cf);
    if (rc) {
      char buf[256];
      regerror(rc, &re, buf, sizeof buf);
      printf("ERR\t%s\n", buf);
      continue;
    }
    size_t nm = re.re_nsub + 1;
    regmatch_t *m = calloc(nm, sizeof *m);
    rc = regexec(&re, sub, nm, m, ef);
    if (rc == REG_NOMATCH) printf("NOMATCH\n");
    else if (rc) {
      char buf[256];
      regerror(rc, &re, buf, sizeof buf);
      printf("EXECERR\t%s\n", buf);
    } else {
      printf("MATCH\t");
      for (size_t i = 0; i < nm; i++)
        printf("%s%ld,%ld", i ? " " : "", (long)m[i].rm_so, (long)m[i].rm_eo);
      printf("\n");
    }
    free(m);
    regfree(&re);
  }
  return 0;
}
