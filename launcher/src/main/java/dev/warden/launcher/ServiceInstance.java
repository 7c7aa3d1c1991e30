package dev.warden.launcher;

/**
 * One running copy of a service.
 *
 * @param service the service
 * @param replica 0 for the first copy, 1 for the second, and so on
 * @param port the port this copy listens on
 */
record ServiceInstance(ServiceSpec service, int replica, int port) {

	/**
	 * Returns the name the copy goes by in logs and in {@code ./warden status}.
	 * @return {@code auth-service}, or {@code command-service-2} for a second copy
	 */
	String name() {
		return (this.replica == 0) ? this.service.name() : this.service.name() + "-" + (this.replica + 1);
	}

}
