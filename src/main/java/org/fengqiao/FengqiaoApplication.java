package org.fengqiao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@Modulithic(sharedModules = "platform")
@SpringBootApplication
public class FengqiaoApplication {

	public static void main(String[] args) {
		SpringApplication.run(FengqiaoApplication.class, args);
	}

}
