# Optional Redshift Serverless for Spectrum and dbt. The admin password is managed by Redshift in Secrets Manager,
# so it never appears in code or state.
resource "aws_redshiftserverless_namespace" "clickbatch" {
  count                 = var.create_redshift_serverless ? 1 : 0
  namespace_name        = var.name
  db_name               = "analytics"
  manage_admin_password = true
  iam_roles             = [aws_iam_role.spectrum.arn]
  default_iam_role_arn  = aws_iam_role.spectrum.arn
}

resource "aws_redshiftserverless_workgroup" "clickbatch" {
  count               = var.create_redshift_serverless ? 1 : 0
  namespace_name      = aws_redshiftserverless_namespace.clickbatch[0].namespace_name
  workgroup_name      = var.name
  base_capacity       = var.redshift_base_capacity
  publicly_accessible = false
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.task.id]
}

# Where the run's Spectrum check (enable_redshift_check) runs its statements: a given workgroup or cluster, else
# the workgroup created above. Passed to the task as CLICKBATCH_CATALOG__REDSHIFT__* (ecs.tf), empty values left out.
locals {
  redshift_workgroup    = var.redshift_workgroup != "" ? var.redshift_workgroup : (var.create_redshift_serverless && var.redshift_cluster_identifier == "" ? var.name : "")
  redshift_database     = var.redshift_database != "" ? var.redshift_database : (var.create_redshift_serverless ? "analytics" : "")
  redshift_iam_role_arn = var.redshift_iam_role_arn != "" ? var.redshift_iam_role_arn : aws_iam_role.spectrum.arn
  redshift_arn_prefix   = "arn:${data.aws_partition.current.partition}:redshift:${var.region}:${data.aws_caller_identity.current.account_id}"
  # Workgroup ARNs carry the workgroup id, known only for the workgroup created here.
  redshift_workgroup_arn = (var.create_redshift_serverless && local.redshift_workgroup == var.name
    ? aws_redshiftserverless_workgroup.clickbatch[0].arn
  : "arn:${data.aws_partition.current.partition}:redshift-serverless:${var.region}:${data.aws_caller_identity.current.account_id}:workgroup/*")
}
