using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <inheritdoc />
    public partial class FreeTierPot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FreeTierMonthlyCap",
                table: "Projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PotGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Charged = table.Column<long>(type: "INTEGER", nullable: false),
                    Owed = table.Column<long>(type: "INTEGER", nullable: false),
                    Granted = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    LedgerTransactionId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PotGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PotGrants_LedgerTransactions_LedgerTransactionId",
                        column: x => x.LedgerTransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PotGrants_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PotGrants_LedgerTransactionId",
                table: "PotGrants",
                column: "LedgerTransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PotGrants_Month_ProjectId",
                table: "PotGrants",
                columns: new[] { "Month", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PotGrants_ProjectId",
                table: "PotGrants",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PotGrants");

            migrationBuilder.DropColumn(
                name: "FreeTierMonthlyCap",
                table: "Projects");
        }
    }
}
