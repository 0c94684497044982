# The ```bash blocks of README.md's section "Clusters: `--shard I/N` and
# `twsim merge`" (up to the next heading of level 1 to 3), so that the cluster
# test runs the text users read, not a copy of it. Sourced by cluster_test.sh.

# readme_cluster_block README TEXT: prints the one ```bash block of the section
# that contains TEXT (a fixed string). Status 1, with a line on stderr naming
# README and TEXT, when no block or more than one block contains it.
readme_cluster_block() {
  awk -v readme="$1" -v want="$2" '
    fence && /^```/ { fence = 0; if (bash) { n++; block[n] = body }; bash = 0; next }
    fence { if (bash) body = body $0 "\n"; next }
    /^```/ { fence = 1; bash = section && $0 == "```bash"; body = ""; next }
    /^##?#? / { section = ($0 ~ /^### Clusters: /); next }
    END {
      found = 0
      for (i = 1; i <= n; i++) if (index(block[i], want)) { found++; hit = i }
      if (found != 1) {
        printf "%s: %d ```bash blocks of the section \"Clusters\" contain \"%s\", expected 1\n",
               readme, found, want > "/dev/stderr"
        exit 1
      }
      printf "%s", block[hit]
    }' "$1"
}
