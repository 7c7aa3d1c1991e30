package dev.warden.rules;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;

/** rules-service starts against real infrastructure and keeps the platform's contract. */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA })
class RulesServiceIntegrationTests implements ServiceContract {

}
