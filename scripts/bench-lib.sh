# Shared by scripts/bench-grep, bench-sed and bench-diff (sourced): the generated text and the
# timing helpers. Expects SIZE_MB, RUNS; case_ expects TOOL (the tool's name), G (GNU's binary), B
# (the bsdbox install directory). RATIO=throughput (default: GNU time / bsdbox time, higher is
# better) or RATIO=time (bsdbox time / GNU time, lower is better).
# the text files (awk in the C locale, so lengths are bytes); utf8=1 adds the UTF-8 words
gen() {
  LC_ALL=C awk -v mb="$SIZE_MB" -v utf8="$1" 'BEGIN {
    srand(42); t = mb * 1048576; n = 0
    # 2000 pronounceable lower-case words of 2-11 letters, none containing "needle"
    nc = split("b c d f g h k l m n p r s t v w z ch sh th st tr pl gr br", C, " ")
    nv = split("a e i o u ai ea ou io y", V, " ")
    for (nw = 0; nw < 2000; ) {
      w = ""; k = 1 + int(rand() * 4)
      for (j = 0; j < k; j++) w = w C[1 + int(rand() * nc)] V[1 + int(rand() * nv)]
      if (rand() < 0.3) w = w C[1 + int(rand() * nc)]
      if (index(w, "needle") || (w in seen)) continue
      seen[w] = 1; W[nw++] = w
    }
    np = split(", . ; : ! ? ) -", P, " ")
    nu = split("café naïve straße Größe 日本 東京 Ωmega niño über façade", U, " ")
    while (n < t) {
      L = int(rand() * 121); s = ""; nd = ""; u = ""
      if (rand() < 0.02) {   # mostly "needle" on its own; a few needles, Needle, hayneedle
        r = rand(); nd = r < 0.8 ? "needle" : r < 0.9 ? "needles" : r < 0.95 ? "Needle" : "hayneedle"
        L -= length(nd) + 1
      }
      if (utf8 && rand() < 0.05) { u = U[1 + int(rand() * nu)]; L -= length(u) + 1 }
      while (1) {
        r = rand()
        if (r < 0.08) w = int(rand() * 100000)
        else {
          w = W[int(rand() * nw)]
          if (r > 0.97) w = toupper(w); else if (r > 0.90) w = toupper(substr(w, 1, 1)) substr(w, 2)
          if (rand() < 0.08) w = w P[1 + int(rand() * np)]
        }
        if (length(s) + length(w) + 1 > L) break
        s = s == "" ? w : s " " w
      }
      if (nd != "") {        # at a random word boundary
        p = int(rand() * (length(s) + 1)); while (p > 0 && substr(s, p, 1) != " ") p--
        s = p == 0 ? (s == "" ? nd : nd " " s) : substr(s, 1, p) nd " " substr(s, p + 1)
      }
      if (u != "") s = s == "" ? u : u " " s
      print s; n += length(s) + 1
    }
  }'
}

now() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
# median of RUNS timings (microseconds) of a shell command
measure() {
  local cmd=$1 runs=$2 i t0 t1 ts=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now); bash -c "$cmd" >/dev/null 2>&1; t1=$(now)
    ts+=($((t1 - t0)))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
# `measure_pair GNU-CMD BSDBOX-CMD RUNS`: the two run alternately (a machine whose speed drifts
# weighs on both alike); prints "GNU-MEDIAN BSDBOX-MEDIAN" (microseconds)
measure_pair() {
  local runs=$3 i t0 t1 gs=() bs=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now); bash -c "$1" >/dev/null 2>&1; t1=$(now); gs+=($((t1 - t0)))
    t0=$(now); bash -c "$2" >/dev/null 2>&1; t1=$(now); bs+=($((t1 - t0)))
  done
  echo "$(printf '%s\n' "${gs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${bs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
RATIO=${RATIO:-throughput}
row() { # name gnu_us bsdbox_us same
  # (the name through the environment: awk -v would read its backslashes as escapes)
  N="$1" awk -v g="$2" -v b="$3" -v s="$4" -v t="$RATIO" 'BEGIN { printf "%-42s %10.1f ms %10.1f ms   %6.2fx   %s\n", ENVIRON["N"], g/1000, b/1000, t == "time" ? b/g : g/b, s }'
}
RATIOS=() NSAME=0 NCASES=0
# one case: name, the tool's arguments (shell words, quoted for bash -c), file
case_() {
  local name=$1 args=$2 file=$3 g b same=DIFFER
  read -r g b < <(measure_pair "$G $args $file | /usr/bin/cat > /dev/null" "$B/$TOOL $args $file | /usr/bin/cat > /dev/null" "$RUNS")
  if bash -c "/usr/bin/cmp -s <($G $args $file 2>&1) <($B/$TOOL $args $file 2>&1)"; then
    same=SAME; NSAME=$((NSAME + 1))
  fi
  NCASES=$((NCASES + 1)); RATIOS+=("$(N="$name" awk -v g="$g" -v b="$b" -v t="$RATIO" 'BEGIN { printf "%.4f\t%s", t == "time" ? b/g : g/b, ENVIRON["N"] }')")
  row "$name" "$g" "$b" "$same"
}
# the summary line over the cases run
summary() {
  printf '%s\n' "${RATIOS[@]}" | awk -F '\t' -v n="$NCASES" -v s="$NSAME" '
    { l += log($1); if (NR == 1 || $1 < lo) { lo = $1; ln = $2 } if (NR == 1 || $1 > hi) { hi = $1; hn = $2 } }
    END { printf "summary: %d cases, %d SAME, %d DIFFER; %s ratio: geometric mean %.2fx, lowest %.2fx (%s), highest %.2fx (%s)\n", n, s, n - s, ENVIRON["RATIO"] == "time" ? "time bsdbox/GNU" : "throughput bsdbox/GNU", exp(l / n), lo, ln, hi, hn }'
}
