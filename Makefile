# Thin wrapper around CMake. On a fresh Debian 12 machine:
#   make run    install what is missing, build (Release), run configs/default.json, draw its plots
#   make test   install what is missing, build, run the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CONFIG ?= configs/default.json

.PHONY: all deps build run test bench clean

all: build

deps:
	@bash scripts/install_deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/twsim run $(CONFIG) -j $(JOBS)
	bash scripts/plot.sh results/$(basename $(notdir $(CONFIG)))

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/tests/bench/twsim_bench

clean:
	rm -rf $(BUILD)
