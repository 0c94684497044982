# Thin wrapper around CMake. On a fresh Debian 12 machine:
#   make run    install what is missing, build (Release), run configs/default.json, draw its plots,
#               write its report page (results/default/report.html)
#   make test   install what is missing, build, run the whole test suite
#   make test-cluster  the README's cluster recipes on a single-node Slurm (as root)
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CONFIG ?= configs/default.json
# WERROR=ON (as .ci/run sets it): warnings are errors.
WERROR ?= OFF

.PHONY: all deps build run test test-sanitize test-cluster bench fuzz clean

all: build

deps:
	@bash scripts/install_deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DTWSIM_WERROR=$(WERROR)
	cmake --build $(BUILD) -j $(JOBS)

# Only the twsim binary: the test suite and benchmarks are not needed to run.
run: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS) --target twsim
	./$(BUILD)/twsim run $(CONFIG) -j $(JOBS)
	bash scripts/plot.sh results/$(basename $(notdir $(CONFIG)))
	./$(BUILD)/twsim report results/$(basename $(notdir $(CONFIG)))

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The test suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer
# (CI runs it after `make test`).
test-sanitize: deps
	cmake -S . -B $(BUILD)-sanitize -DCMAKE_BUILD_TYPE=Debug -DTWSIM_SANITIZE=ON -DTWSIM_BUILD_BENCH=OFF
	cmake --build $(BUILD)-sanitize -j $(JOBS)
	cd $(BUILD)-sanitize && ctest --output-on-failure -j $(JOBS)

# The README's cluster recipes (the Slurm job array and its afterok merge, the
# GNU parallel line, a failed and a doubly run shard) on a single-node Slurm
# started for the test only: tests/cluster/cluster_test.sh, which installs
# slurm-wlm, munge and parallel. Its exit 77 means skipped (no root, no package
# archive, Slurm would not start), said in one line; CI runs it last.
test-cluster: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS) --target twsim
	@bash tests/cluster/cluster_test.sh . $(BUILD)/twsim; rc=$$?; [ $$rc -eq 77 ] || exit $$rc

# The libFuzzer targets (clang): FUZZ_SECONDS each of fuzzing the config reader from
# tests/fuzz/corpus and the point-file reader from tests/fuzz/point_corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWSIM_FUZZ=ON \
	  -DTWSIM_BUILD_TESTS=OFF -DTWSIM_BUILD_BENCH=OFF
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target twsim_config_fuzz twsim_point_file_fuzz
	mkdir -p $(BUILD)-fuzz/corpus $(BUILD)-fuzz/point_corpus
	cp tests/fuzz/corpus/* $(BUILD)-fuzz/corpus/
	cp tests/fuzz/point_corpus/* $(BUILD)-fuzz/point_corpus/
	./$(BUILD)-fuzz/tests/fuzz/twsim_config_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  $(BUILD)-fuzz/corpus
	./$(BUILD)-fuzz/tests/fuzz/twsim_point_file_fuzz -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=16384 $(BUILD)-fuzz/point_corpus

bench: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DTWSIM_BUILD_BENCH=ON
	cmake --build $(BUILD) -j $(JOBS) --target twsim_bench
	./$(BUILD)/tests/bench/twsim_bench

clean:
	rm -rf $(BUILD)
