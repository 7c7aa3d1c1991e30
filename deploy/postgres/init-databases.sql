-- One database per Warden service (architecture.md: no service reads another's database).
-- Run once by the postgres image on its first start (docker-entrypoint-initdb.d).
CREATE DATABASE warden_auth;
CREATE DATABASE warden_command;
CREATE DATABASE warden_rules;
CREATE DATABASE warden_audit;
CREATE DATABASE warden_llm;
CREATE DATABASE warden_terminal;
CREATE DATABASE warden_gateway;
