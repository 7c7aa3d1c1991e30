/**
 * Checks of docker-compose.yml, the Dockerfile and k8s/ against what the services read.
 */
@NullMarked
package dev.warden.deployment;

import org.jspecify.annotations.NullMarked;
