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
COPY adapters-web adapters-web
COPY worker worker
COPY bootstrap bootstrap
RUN ./mvnw -B -q -ntp package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/bootstrap/target/stemvault.jar /app/stemvault.jar
EXPOSE 8080
USER 65534
ENTRYPOINT ["java", "-jar", "/app/stemvault.jar"]
