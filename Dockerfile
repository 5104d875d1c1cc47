# Builds the service from this repository and runs the runnable jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY domain domain
COPY application application
COPY adapters-postgres adapters-postgres
COPY adapters-files adapters-files
COPY adapters-s3 adapters-s3
COPY adapters-textmodel adapters-textmodel
COPY adapters-google adapters-google
COPY adapters-web adapters-web
COPY worker worker
COPY bootstrap bootstrap
RUN ./mvnw -B -q -ntp package -DskipTests

# JDK 25 runs the jar (built for 17) with a class-data archive. A training run needs the database and the
# identity provider, which a docker build does not have (scripts/train.sh makes the AOT cache where they are),
# so the image makes its archive on its first run instead (AutoCreateSharedArchive): written when that
# container stops, used from the next start on; keep /cache on a volume to keep it. The JVM checks that the
# archive belongs to this jar and JDK, and runs without it otherwise. JVM defaults for a small container: the
# serial collector, a small initial heap, 75% of the container's memory at most, freed native memory handed
# back to the system every 2 s (scripts/jvm-options).
FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /src/bootstrap/target/stemvault.jar /app/stemvault.jar
RUN mkdir /cache && chown 65534 /cache
VOLUME /cache
EXPOSE 8080
USER 65534
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000", \
            "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/cache/stemvault.jsa", "-jar", "/app/stemvault.jar"]
