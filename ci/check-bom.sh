#!/usr/bin/env bash
# The BOM (bom/pom.xml) has no parent, so nothing makes it follow the build: this check fails the build when its
# version is not the parent's, or when it does not manage every classifier the all-platforms build publishes.
# Usage: check-bom.sh <repository root>
set -euo pipefail
root=$1
version() { sed -n '/<parent>/,/<\/parent>/d; s:^  <version>\(.*\)</version>:\1:p' "$1" | head -1; }
parent=$(version "$root/pom.xml") bom=$(version "$root/bom/pom.xml")
[ -n "$parent" ] && [ "$parent" = "$bom" ] \
  || { echo "check-bom: bom/pom.xml has version '$bom', the build '$parent'"; exit 1; }
for classifier in $(sed -n 's:.*<classifier>\(.*\)</classifier>.*:\1:p' "$root/java/pom.xml" | grep -v '\$' | sort -u); do
  grep -q "<classifier>$classifier</classifier>" "$root/bom/pom.xml" \
    || { echo "check-bom: bom/pom.xml does not manage the $classifier jar"; exit 1; }
done
echo "check-bom: ipc4j-bom $bom manages every published classifier"
