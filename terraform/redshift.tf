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
