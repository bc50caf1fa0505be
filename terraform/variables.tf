variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Name prefix for every resource (bucket names also get the account id)."
  type        = string
  default     = "clickbatch"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,32}$", var.name))
    error_message = "name must be 3-32 lowercase letters, digits or dashes."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket; tables live at s3://<bucket>/<lake_prefix>/<topic>."
  type        = string
  default     = "lake"
}

variable "glue_database" {
  description = "Glue Data Catalog database the job registers its tables in (the Spectrum external schema reads it)."
  type        = string
  default     = "clickbatch"
}

variable "kafka_bootstrap_servers" {
  description = "Kafka bootstrap servers, e.g. pkc-xxxx.us-east-1.aws.confluent.cloud:9092."
  type        = string
}

variable "kafka_security_protocol" {
  description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Confluent Cloud)."
  type        = string
  default     = "SASL_SSL"
}

variable "kafka_secret_arn" {
  description = <<-EOT
    ARN of an existing Secrets Manager secret holding the Kafka API key and secret as JSON:
    {"username": "...", "password": "..."}. Created outside terraform so no secret ever lands in the state.
    Empty for an unauthenticated cluster.
  EOT
  type        = string
  default     = ""
}

variable "topics" {
  description = "Kafka topics the daily run lands (each becomes <topic> and <topic>_rejects tables)."
  type        = list(string)
  default     = ["clicks", "checkouts"]
}

variable "image_tag" {
  description = "Tag of the clickbatch image in the ECR repository to run (tags are immutable: use the git commit)."
  type        = string
}

variable "schedule_expression" {
  description = "EventBridge Scheduler expression for the daily run."
  type        = string
  default     = "cron(15 2 * * ? *)"
}

variable "schedule_timezone" {
  description = "Time zone of the schedule expression."
  type        = string
  default     = "UTC"
}

variable "task_cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 2048
}

variable "task_memory" {
  description = "Fargate task memory in MiB. The job is sized to three quarters of it (Run.MemoryLimitMiB), not to the backlog; at least 512."
  type        = number
  default     = 4096

  validation {
    condition     = var.task_memory >= 512
    error_message = "task_memory must be at least 512 MiB: the job needs 376 MiB (Run.MemoryLimitMiB; 504 for two writer threads, one per vCPU) and gets three quarters of the task."
  }
}

variable "task_count" {
  description = "Identical tasks the schedule starts each night; above 1 they share the partitions through the Kafka consumer group (docs/scale-out.md: a task per 8 to 64 partitions; more tasks than partitions idle)."
  type        = number
  default     = 1

  validation {
    condition     = var.task_count >= 1 && var.task_count <= 10 && floor(var.task_count) == var.task_count
    error_message = "task_count must be a whole number from 1 to 10 (EventBridge Scheduler starts at most 10 ECS tasks per invocation)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the task (with a NAT or VPC endpoints to reach Kafka, S3, Glue, ECR and logs)."
  type        = list(string)
}

variable "vpc_id" {
  description = "VPC of the subnets; the task's security group is created there (egress only)."
  type        = string
}

variable "log_retention_days" {
  description = "CloudWatch log retention for the job's logs."
  type        = number
  default     = 30
}

variable "alarm_sns_topic_arn" {
  description = "SNS topic notified when a scheduled run fails. Empty: the alarm exists but notifies nobody."
  type        = string
  default     = ""
}

variable "alarm_reject_ratio" {
  description = "Alarm when a topic's rejects exceed this share of the records a run read (the run itself fails above Run.MaxRejectRatio)."
  type        = number
  default     = 0.01
  validation {
    condition     = var.alarm_reject_ratio > 0 && var.alarm_reject_ratio < 1
    error_message = "alarm_reject_ratio must be between 0 and 1."
  }
}

variable "alarm_lag_at_start_records" {
  description = "Alarm when a run finds more records of a topic to land than this (a backlog one night may not drain)."
  type        = number
  default     = 200000000
}

variable "noncurrent_version_expiration_days" {
  description = "Days a replaced or deleted object version is kept (the Delta log's own history is kept by the job)."
  type        = number
  default     = 14
}

variable "enable_redshift_check" {
  description = <<-EOT
    After each run, count every partition the run touched in Redshift Spectrum and compare with the Delta tables
    (exit code 6 on a mismatch). Passes the redshift_* settings below to the task as CLICKBATCH_CATALOG__REDSHIFT__*
    variables and grants the task the Redshift Data API calls the check makes.
  EOT
  type        = bool
  default     = false
}

variable "redshift_workgroup" {
  description = "Redshift Serverless workgroup the check runs on. Empty: the created one when create_redshift_serverless, else use redshift_cluster_identifier."
  type        = string
  default     = ""
}

variable "redshift_cluster_identifier" {
  description = "Provisioned Redshift cluster the check runs on instead of a workgroup (with redshift_db_user or redshift_secret_arn)."
  type        = string
  default     = ""
}

variable "redshift_database" {
  description = "Database the check's statements run in. Empty: the created namespace's database (analytics) when create_redshift_serverless."
  type        = string
  default     = ""
}

variable "redshift_db_user" {
  description = "Database user for temporary cluster credentials (redshift:GetClusterCredentials); cluster only."
  type        = string
  default     = ""
}

variable "redshift_secret_arn" {
  description = "Secrets Manager secret with Redshift database credentials, instead of redshift_db_user or the task role's IAM identity."
  type        = string
  default     = ""
}

variable "redshift_iam_role_arn" {
  description = "IAM role of CREATE EXTERNAL SCHEMA ... IAM_ROLE (Spectrum reads Glue and the lake with it). Empty: the spectrum role created here."
  type        = string
  default     = ""
}

variable "redshift_external_schema" {
  description = "Redshift external schema over the Glue database that the check creates if missing and counts in."
  type        = string
  default     = "clickbatch"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_$]{0,126}$", var.redshift_external_schema))
    error_message = "redshift_external_schema must be 1-127 lower-case letters, digits, '_' or '$', starting with a letter or '_'."
  }
}

variable "create_redshift_serverless" {
  description = "Create a Redshift Serverless namespace and workgroup for Spectrum and dbt."
  type        = bool
  default     = false
}

variable "redshift_base_capacity" {
  description = "Base RPU capacity of the created Redshift Serverless workgroup."
  type        = number
  default     = 8
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}
