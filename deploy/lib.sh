#!/usr/bin/env bash
# Shared by deploy/run.sh and tests/run.sh: install what a fresh Debian machine lacks.

# ensure_debian_packages COMMAND=PACKAGE ... : installs PACKAGE when COMMAND is not found.
ensure_debian_packages() {
  local missing=() pair command package
  for pair in "$@"; do
    command=${pair%%=*}
    package=${pair#*=}
    if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "$command" ]; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} from Debian packages..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# wait_for_url URL SECONDS : polls until URL answers 2xx, or fails after SECONDS.
wait_for_url() {
  local url=$1 seconds=$2 start=$SECONDS
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$seconds" ]; then
      return 1
    fi
    sleep 0.5
  done
}
