# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian packages the tests drive for real (serial ptys, MQTT clients, browsers, speech, databases,
# promtool from prometheus for /metrics, Python's csv module reading the CSV export, Jinja2 rendering
# Home Assistant's value templates, and strace, which watches that the hub reaches nothing beyond loopback).
TEST_DEBIAN_PACKAGES := socat mosquitto mosquitto-clients chromium espeak-ng postgresql systemd prometheus python3 python3-jinja2 strace

# Debian's PyTorch and ONNX train the models; they install for /usr/bin/python3, not any other python3.
MODEL_DEBIAN_PACKAGES := python3-torch python3-onnx python3-numpy
SHARED_DATA ?= $(or $(HEARTH_SHARED_DATA),../shared/data)

.PHONY: run test build lint deps test-deps bench models clean

# Install scripts run only for the native packages package.json's allowScripts approves. onnxruntime-node's
# is denied there: it only fetches CUDA libraries the hub never loads; the variable tells it the same
# under an npm that predates allowScripts (npm 10, as Node 20 ships it).
node_modules/.hearth-installed: package.json package-lock.json .npmrc
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.hearth-installed

build: deps
	npm run --silent build
	node ui/build.mjs

lint: build
	npm run --silent lint

run: build
	npm run --silent hearth -- run

test-deps:
	@[ -z "$(strip $(TEST_DEBIAN_PACKAGES))" ] || scripts/ensure-debian-packages.sh $(TEST_DEBIAN_PACKAGES)

test: lint test-deps
	npm test

bench: build
	npm run --silent bench

models: build
	scripts/ensure-debian-packages.sh $(MODEL_DEBIAN_PACKAGES)
	/usr/bin/python3 models/train/train_all.py --data $(SHARED_DATA)

clean:
	rm -rf dist ui/dist .tap
