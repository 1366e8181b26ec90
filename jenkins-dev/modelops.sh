#!/bin/sh
# The modelops command in the Jenkins and CLI images: the packaged CLI (modelops-cli.jar with lib/).
exec java ${MODELOPS_JAVA_OPTS:-} -jar /opt/modelops/modelops-cli.jar "$@"
