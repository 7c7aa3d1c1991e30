# syntax=docker/dockerfile:1.7
# One image per Warden service, from one Dockerfile:
#   docker build --build-arg SERVICE=auth-service -t warden/auth-service .
# docker-compose.yml builds all seven this way. Stages: build the service's jar with the Maven wrapper,
# extract it into Spring Boot's layers (dependencies change rarely, the application often, so image
# layers are reused), train a JDK 25 AOT cache, and run on a JRE as an unprivileged user.

ARG JAVA_VERSION=25

FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
ARG SERVICE
WORKDIR /src
# .dockerignore keeps build output, local data and git history out of the context. The Maven
# repository is a build cache mount, so dependencies are downloaded once per builder.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" && ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
    && cp "${SERVICE}/target/${SERVICE}.jar" /service.jar

FROM eclipse-temurin:${JAVA_VERSION}-jdk AS layers
WORKDIR /layers
COPY --from=build /service.jar service.jar
RUN java -Djarmode=tools -jar service.jar extract --layers --destination extracted

FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime
ARG SERVICE
# curl for the container health check; nothing else is added to the JRE image.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 warden && useradd --system --uid 10001 --gid warden --home /app warden
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# The layers leave /app/<service>.jar, whose manifest lists /app/lib/*.jar: a class path of plain jars,
# which the AOT cache needs.
RUN mv "/app/${SERVICE}.jar" /app/service.jar
# The AOT cache (JEP 483/514) is trained at build time on the start-up path: the context is refreshed
# without any server to talk to (Flyway and Hibernate's metadata lookup are off; Kafka listeners and
# other lifecycle beans are not started by spring.context.exit=onRefresh) and the JVM exits, writing
# what it loaded and linked. auth-service refuses to start without its two keys, so the training run
# gets throw-away random ones; they exist only in that process. A start with -XX:AOTCache then skips
# most class loading and linking (docs/benchmarks.md measures it for ./warden up).
RUN java -XX:AOTCacheOutput=/app/service.aot -Dspring.context.exit=onRefresh \
      -Dspring.flyway.enabled=false -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      -Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      -Dwarden.auth.token-hash-key="$(head -c 32 /dev/urandom | base64)" \
      -Dwarden.auth.key-encryption-key="$(head -c 32 /dev/urandom | base64)" \
      -jar /app/service.jar
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
ENTRYPOINT ["java", "-XX:AOTCache=/app/service.aot", "-jar", "/app/service.jar"]
