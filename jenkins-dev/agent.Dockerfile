# A Jenkins agent with the modelops CLI, for static agents or as the jnlp image of pod templates.
# Give the agent the label "modelops" (the library's default, MODELOPS_AGENT_LABEL).
#   ./mvnw -B -pl modelops-cli -am package -DskipTests
#   DOCKER_BUILDKIT=1 docker build -f jenkins-dev/agent.Dockerfile -t modelops/agent .
FROM jenkins/inbound-agent:latest-jdk17

USER root
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
COPY modelops-cli/target/modelops-cli.jar /opt/modelops/modelops-cli.jar
COPY modelops-cli/target/lib/ /opt/modelops/lib/
COPY jenkins-dev/modelops.sh /usr/local/bin/modelops
RUN chmod 0755 /usr/local/bin/modelops
USER jenkins
