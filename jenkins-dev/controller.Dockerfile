# A Jenkins controller to try the ModelOps shared library: plugins, configuration as code (the
# library, credentials, the arrests jobs, a Kubernetes cloud) and the modelops CLI for its own
# executors (label "modelops"). Build from the repository root after packaging the CLI:
#   ./mvnw -B -pl modelops-cli -am package -DskipTests
#   DOCKER_BUILDKIT=1 docker build -f jenkins-dev/controller.Dockerfile -t modelops/jenkins-dev .
FROM jenkins/jenkins:lts-jdk17

USER root
# libgomp1: XGBoost's native library
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
COPY modelops-cli/target/modelops-cli.jar /opt/modelops/modelops-cli.jar
COPY modelops-cli/target/lib/ /opt/modelops/lib/
COPY jenkins-dev/modelops.sh /usr/local/bin/modelops
RUN chmod 0755 /usr/local/bin/modelops

USER jenkins
# The repository is mounted from the host, owned by another user: let git read it anyway.
RUN git config --global --add safe.directory '*'
COPY jenkins-dev/plugins.txt /usr/share/jenkins/ref/plugins.txt
RUN jenkins-plugin-cli --plugin-file /usr/share/jenkins/ref/plugins.txt
COPY jenkins-dev/casc.yaml /var/jenkins_casc/casc.yaml
COPY jenkins-dev/k8s/gpu-agent-pod.yaml /var/jenkins_casc/gpu-agent-pod.yaml
ENV CASC_JENKINS_CONFIG=/var/jenkins_casc/casc.yaml
# No setup wizard (JCasC configures everything); git may check out the repository mounted at
# /var/modelops-repo, where the library and the example jobs come from.
ENV JAVA_OPTS="-Djenkins.install.runSetupWizard=false -Dhudson.plugins.git.GitSCM.ALLOW_LOCAL_CHECKOUT=true"
