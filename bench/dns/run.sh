#!/usr/bin/env bash
# DNS benchmark: cached MX+A+TLSA resolutions/s and cold DNSSEC validation against the in-process
# test universe. Usage: bench/dns/run.sh [seconds per figure, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Dlogback.configurationFile=bench/dns/logback.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.sealpost.dns.DnsBench "${1:-3}"
