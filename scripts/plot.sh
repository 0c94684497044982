#!/usr/bin/env bash
# Draws the figures for twsim result directories: scripts/plot.sh RESULTS_DIR...
# Runs plot/plot.py with the first of $PYTHON, /usr/bin/python3, python3 (PATH)
# that can import matplotlib: the python3 first on PATH (pyenv, a venv) often
# cannot see Debian's python3-matplotlib.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for py in ${PYTHON:+"$PYTHON"} /usr/bin/python3 python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import matplotlib' >/dev/null 2>&1; then
    exec "$py" "$root/plot/plot.py" "$@"
  fi
done
echo "twsim: error: plotting needs matplotlib; install Debian's python3-matplotlib" \
     "(apt-get install python3-matplotlib) or set PYTHON to an interpreter that has it" >&2
exit 2
