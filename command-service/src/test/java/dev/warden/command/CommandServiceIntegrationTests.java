package dev.warden.command;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;

/**
 * command-service starts against real infrastructure and keeps the platform's contract.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class CommandServiceIntegrationTests implements ServiceContract {

}
