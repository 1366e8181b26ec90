# The modelops CLI alone: the "modelops" container of the library's GPU pods (env MODELOPS_POD_IMAGE)
# and the image of training Jobs the CLI submits itself (MODELOPS_K8S_IMAGE). The NVIDIA device plugin
# mounts the driver into the container; a trainer that uses CUDA needs its libraries in BASE.
#   ./mvnw -B -pl modelops-cli -am package -DskipTests
#   DOCKER_BUILDKIT=1 docker build -f jenkins-dev/cli.Dockerfile -t modelops/cli:latest .
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}

RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
COPY modelops-cli/target/modelops-cli.jar /opt/modelops/modelops-cli.jar
COPY modelops-cli/target/lib/ /opt/modelops/lib/
COPY jenkins-dev/modelops.sh /usr/local/bin/modelops
RUN chmod 0755 /usr/local/bin/modelops
WORKDIR /workspace
CMD ["modelops", "--help"]
