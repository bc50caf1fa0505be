locals {
  lake_uri   = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}"
  kafka_auth = var.kafka_secret_arn != ""

  # The daily run. Flags and variables are the CLI's real ones (a test in tests/ keeps them in line).
  run_command = [
    "run",
    "--lake", local.lake_uri,
    "--topics", join(",", var.topics),
    "--glue-database", var.glue_database,
  ]

  environment = concat([
    { name = "CLICKBATCH_KAFKA__BOOTSTRAPSERVERS", value = var.kafka_bootstrap_servers },
    { name = "CLICKBATCH_KAFKA__SECURITYPROTOCOL", value = var.kafka_security_protocol },
    # The job sizes its row buffers to this (docs/decoding.md, "Memory bound"); a quarter of the task stays headroom.
    { name = "CLICKBATCH_RUN__MEMORYLIMITMIB", value = tostring(floor(var.task_memory * 3 / 4)) },
    # One task drains every partition; several share them through the consumer group (docs/scale-out.md).
    { name = "CLICKBATCH_RUN__ASSIGNMENT", value = var.task_count > 1 ? "group" : "all" },
    { name = "AWS_REGION", value = var.region },
  ], local.redshift_environment)

  # The Spectrum check's settings (Catalog.Redshift), only when enabled: an absent section turns the check off.
  redshift_environment = [for setting in [
    { name = "CLICKBATCH_CATALOG__REDSHIFT__WORKGROUPNAME", value = local.redshift_workgroup },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__CLUSTERIDENTIFIER", value = var.redshift_cluster_identifier },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__DATABASE", value = local.redshift_database },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__DBUSER", value = var.redshift_db_user },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__SECRETARN", value = var.redshift_secret_arn },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__IAMROLE", value = local.redshift_iam_role_arn },
    { name = "CLICKBATCH_CATALOG__REDSHIFT__EXTERNALSCHEMA", value = var.redshift_external_schema },
  ] : setting if var.enable_redshift_check && setting.value != ""]

  secrets = local.kafka_auth ? [
    { name = "CLICKBATCH_KAFKA__SASLUSERNAME", valueFrom = "${var.kafka_secret_arn}:username::" },
    { name = "CLICKBATCH_KAFKA__SASLPASSWORD", valueFrom = "${var.kafka_secret_arn}:password::" },
  ] : []
}

resource "aws_ecs_cluster" "clickbatch" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "clickbatch" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_security_group" "task" {
  name        = "${var.name}-task"
  description = "ClickBatch task: no inbound, outbound to Kafka and AWS APIs."
  vpc_id      = var.vpc_id

  egress {
    description = "Kafka, S3, Glue, ECR, CloudWatch Logs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_task_definition" "clickbatch" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # Staging space for Parquet files before upload (bounded by the job's open-file and target-size settings).
  ephemeral_storage {
    size_in_gib = 50
  }

  lifecycle {
    precondition {
      condition     = !var.enable_redshift_check || ((local.redshift_workgroup != "") != (var.redshift_cluster_identifier != "") && local.redshift_database != "")
      error_message = "enable_redshift_check needs exactly one of redshift_workgroup (or create_redshift_serverless) and redshift_cluster_identifier, and a redshift_database."
    }
    precondition {
      condition     = !var.enable_redshift_check || var.redshift_cluster_identifier == "" || var.redshift_db_user != "" || var.redshift_secret_arn != ""
      error_message = "enable_redshift_check on a cluster needs redshift_db_user (temporary credentials) or redshift_secret_arn."
    }
  }

  container_definitions = jsonencode([{
    name        = "clickbatch"
    image       = "${aws_ecr_repository.clickbatch.repository_url}:${var.image_tag}"
    essential   = true
    command     = local.run_command
    environment = local.environment
    secrets     = local.secrets
    # SIGTERM first (the job commits what is complete), SIGKILL after this many seconds.
    stopTimeout = 120
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.clickbatch.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "run"
      }
    }
  }])
}
