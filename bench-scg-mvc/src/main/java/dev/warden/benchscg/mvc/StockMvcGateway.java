package dev.warden.benchscg.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stock Spring Cloud Gateway (Web MVC); its one route comes from application.yml. */
@SpringBootApplication
public class StockMvcGateway {

	public static void main(String[] args) {
		SpringApplication.run(StockMvcGateway.class, args);
	}

}
