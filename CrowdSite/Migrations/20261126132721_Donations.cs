using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <inheritdoc />
    public partial class Donations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Gift",
                table: "Pledges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "PotOptIn",
                table: "Pledges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Simulated",
                table: "Pledges",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "CheckoutIntentId",
                table: "Donations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptToken",
                table: "Donations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefundTransactionId",
                table: "Donations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CheckoutIntents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Gift = table.Column<long>(type: "INTEGER", nullable: false),
                    Gross = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Recurring = table.Column<bool>(type: "INTEGER", nullable: false),
                    PotOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoverFees = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Simulated = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StripeSessionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckoutIntents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckoutIntents_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Donations_CheckoutIntentId",
                table: "Donations",
                column: "CheckoutIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_Donations_ReceiptToken",
                table: "Donations",
                column: "ReceiptToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutIntents_ProjectId",
                table: "CheckoutIntents",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckoutIntents_StripeSessionId",
                table: "CheckoutIntents",
                column: "StripeSessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckoutIntents");

            migrationBuilder.DropIndex(
                name: "IX_Donations_CheckoutIntentId",
                table: "Donations");

            migrationBuilder.DropIndex(
                name: "IX_Donations_ReceiptToken",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "Gift",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "PotOptIn",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "Simulated",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "CheckoutIntentId",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "ReceiptToken",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "RefundTransactionId",
                table: "Donations");
        }
    }
}
