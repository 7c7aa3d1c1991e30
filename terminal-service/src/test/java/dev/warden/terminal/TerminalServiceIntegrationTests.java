package dev.warden.terminal;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;

/**
 * terminal-service starts against real infrastructure and keeps the platform's contract.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class TerminalServiceIntegrationTests implements ServiceContract {

}
