package dev.warden.command.agent;

/**
 * This replica's name among the replicas that hold agents: the instance name with a
 * random suffix, so that a restarted replica never receives messages meant for its
 * previous life.
 *
 * @param id the name
 */
record AgentReplica(String id) {
}
