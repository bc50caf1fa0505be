data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:ecs:${var.region}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

# Execution role: what ECS needs to start the container (pull the image, write logs, read the Kafka secret).
resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secret" {
  count = local.kafka_auth ? 1 : 0
  statement {
    sid       = "ReadKafkaCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.kafka_secret_arn]
  }
}

resource "aws_iam_role_policy" "execution_secret" {
  count  = local.kafka_auth ? 1 : 0
  name   = "kafka-secret"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secret[0].json
}

# Task role: what the job itself does, and nothing more.
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

locals {
  glue_arn_prefix = "arn:${data.aws_partition.current.partition}:glue:${var.region}:${data.aws_caller_identity.current.account_id}"
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ListLake"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.lake.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.lake_prefix}/*", var.lake_prefix]
    }
  }

  statement {
    sid = "ReadWriteLake"
    actions = [
      "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
      "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
    ]
    resources = ["${aws_s3_bucket.lake.arn}/${var.lake_prefix}/*"]
  }

  statement {
    sid = "CatalogTables"
    actions = [
      "glue:GetDatabase", "glue:CreateDatabase",
      "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable",
      "glue:GetPartitions", "glue:BatchCreatePartition", "glue:BatchDeletePartition", "glue:BatchUpdatePartition",
    ]
    resources = [
      "${local.glue_arn_prefix}:catalog",
      "${local.glue_arn_prefix}:database/${var.glue_database}",
      "${local.glue_arn_prefix}:table/${var.glue_database}/*",
    ]
  }

  # The Spectrum check (enable_redshift_check): statements only on the configured cluster or workgroup.
  dynamic "statement" {
    for_each = var.enable_redshift_check ? [1] : []
    content {
      sid       = "RedshiftDataExecute"
      actions   = ["redshift-data:ExecuteStatement"]
      resources = [var.redshift_cluster_identifier != "" ? "${local.redshift_arn_prefix}:cluster:${var.redshift_cluster_identifier}" : local.redshift_workgroup_arn]
    }
  }

  # Polling, reading the count and cancelling a timed-out statement: these actions have no resource type.
  dynamic "statement" {
    for_each = var.enable_redshift_check ? [1] : []
    content {
      sid       = "RedshiftDataStatements"
      actions   = ["redshift-data:DescribeStatement", "redshift-data:GetStatementResult", "redshift-data:CancelStatement"]
      resources = ["*"]
    }
  }

  # How the Data API signs in to the database: temporary cluster credentials for redshift_db_user, ...
  dynamic "statement" {
    for_each = var.enable_redshift_check && var.redshift_cluster_identifier != "" && var.redshift_db_user != "" && var.redshift_secret_arn == "" ? [1] : []
    content {
      sid     = "RedshiftClusterCredentials"
      actions = ["redshift:GetClusterCredentials"]
      resources = [
        "${local.redshift_arn_prefix}:dbuser:${var.redshift_cluster_identifier}/${var.redshift_db_user}",
        "${local.redshift_arn_prefix}:dbname:${var.redshift_cluster_identifier}/${local.redshift_database}",
      ]
    }
  }

  # ... the task role's own identity on a serverless workgroup, ...
  dynamic "statement" {
    for_each = var.enable_redshift_check && local.redshift_workgroup != "" && var.redshift_secret_arn == "" ? [1] : []
    content {
      sid       = "RedshiftServerlessCredentials"
      actions   = ["redshift-serverless:GetCredentials"]
      resources = [local.redshift_workgroup_arn]
    }
  }

  # ... or a Secrets Manager secret.
  dynamic "statement" {
    for_each = var.enable_redshift_check && var.redshift_secret_arn != "" ? [1] : []
    content {
      sid       = "RedshiftSecret"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [var.redshift_secret_arn]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "clickbatch-job"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# The role Redshift Spectrum assumes to read the catalog and the lake (CREATE EXTERNAL SCHEMA ... IAM_ROLE).
data "aws_iam_policy_document" "redshift_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "spectrum" {
  name               = "${var.name}-spectrum"
  assume_role_policy = data.aws_iam_policy_document.redshift_assume.json
}

data "aws_iam_policy_document" "spectrum" {
  statement {
    sid       = "ReadLake"
    actions   = ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.lake.arn, "${aws_s3_bucket.lake.arn}/${var.lake_prefix}/*"]
  }

  statement {
    sid = "ReadCatalog"
    actions = [
      "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
      "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition",
    ]
    resources = [
      "${local.glue_arn_prefix}:catalog",
      "${local.glue_arn_prefix}:database/${var.glue_database}",
      "${local.glue_arn_prefix}:table/${var.glue_database}/*",
    ]
  }
}

resource "aws_iam_role_policy" "spectrum" {
  name   = "spectrum-read"
  role   = aws_iam_role.spectrum.id
  policy = data.aws_iam_policy_document.spectrum.json
}
