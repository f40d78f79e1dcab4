using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DonorPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "Pledges",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "NameAndAmount");

            migrationBuilder.AddColumn<long>(
                name: "PresentmentAmount",
                table: "Donations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PresentmentCurrency",
                table: "Donations",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "Donations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "NameAndAmount");

            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "CheckoutIntents",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "NameAndAmount");

            // Rows from before the choice: a name showed with its amount (the default above); no name was anonymous.
            foreach (var table in new[] { "Donations", "Pledges", "CheckoutIntents" })
            {
                migrationBuilder.Sql($"UPDATE \"{table}\" SET \"Visibility\" = 'Anonymous' WHERE \"PublicName\" IS NULL;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "PresentmentAmount",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "PresentmentCurrency",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "CheckoutIntents");
        }
    }
}
