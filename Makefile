# Sealpost — the two set-up commands: `make run` and `make test`.
JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
MVN := mvn -B -q -Dstyle.color=never
export MAVEN_OPTS ?= --enable-native-access=ALL-UNNAMED -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow

.PHONY: run test build jdk clean bench

jdk:
	@test -x "$(JAVA_HOME)/bin/java" || { echo "error: JDK 25 not found at $(JAVA_HOME); install Temurin 25 or set JAVA_HOME" >&2; exit 1; }
	@"$(JAVA_HOME)/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "error: $(JAVA_HOME) is not a JDK 25" >&2; exit 1; }

build: jdk
	$(MVN) package -DskipTests

run: jdk
	bin/sealpost serve

test: jdk
	mvn -B --no-transfer-progress -Dstyle.color=never verify

clean:
	$(MVN) clean
