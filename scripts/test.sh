#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs what the tests need that
# NuGet and npm do not bring (Debian's chromium for the browser tests), then runs `dotnet test`.
# npm packages are installed by the build itself (build/NodeAssets.targets).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-prerequisites.sh

dotnet test QaBot.sln --configuration Release "$@"
