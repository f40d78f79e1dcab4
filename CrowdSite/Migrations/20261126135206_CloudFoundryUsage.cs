using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <inheritdoc />
    public partial class CloudFoundryUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UnitPriceMicros",
                table: "Charges",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CloudFoundryApps",
                columns: table => new
                {
                    AppGuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudFoundryApps", x => x.AppGuid);
                    table.ForeignKey(
                        name: "FK_CloudFoundryApps_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CloudFoundryEvents",
                columns: table => new
                {
                    Guid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudFoundryEvents", x => x.Guid);
                });

            migrationBuilder.CreateTable(
                name: "CloudFoundryRuns",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Instances = table.Column<long>(type: "INTEGER", nullable: false),
                    MemoryMb = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CloudFoundryRuns", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CloudFoundryApps_ProjectId",
                table: "CloudFoundryApps",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_CloudFoundryEvents_CreatedAt",
                table: "CloudFoundryEvents",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CloudFoundryApps");

            migrationBuilder.DropTable(
                name: "CloudFoundryEvents");

            migrationBuilder.DropTable(
                name: "CloudFoundryRuns");

            migrationBuilder.DropColumn(
                name: "UnitPriceMicros",
                table: "Charges");
        }
    }
}
