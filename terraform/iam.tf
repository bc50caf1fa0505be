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

  dynamic "statement" {
    for_each = var.enable_redshift_check ? [1] : []
    content {
      sid       = "RedshiftDataCheck"
      actions   = ["redshift-data:ExecuteStatement", "redshift-data:DescribeStatement", "redshift-data:GetStatementResult", "redshift-data:CancelStatement"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = var.enable_redshift_check ? [1] : []
    content {
      sid       = "RedshiftServerlessCredentials"
      actions   = ["redshift-serverless:GetCredentials"]
      resources = ["arn:${data.aws_partition.current.partition}:redshift-serverless:${var.region}:${data.aws_caller_identity.current.account_id}:workgroup/*"]
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
